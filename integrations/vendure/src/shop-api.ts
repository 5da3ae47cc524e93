import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Logger, RequestContext, UserInputError } from '@vendure/core';
import gql from 'graphql-tag';

import { BackOfficeClient, BackOfficeUnavailable } from './backoffice-client';
import { BackOfficeService, loggerCtx } from './backoffice.service';
import { isReferralCode } from './options';
import { JoinAnswer, SyncService } from './sync.service';

export const shopApiExtensions = gql`
    "The owner of a referral link of this shop, to greet a visitor: invited by ..."
    type MlmReferral {
        code: String!
        ownerCode: String!
        ownerName: String!
        url: String!
    }

    input MlmJoinInput {
        emailAddress: String!
        name: String!
        phone: String
        country: String
        "The referral code of the distributor who invited; without one the store's default sponsor."
        ref: String
    }

    type MlmJoinResult {
        "registered, queued (the back office is away; it is sent when it is back) or refused"
        status: String!
        memberCode: String
        sponsorCode: String
        message: String
    }

    extend type Query {
        "Resolves a referral code; null when it is unknown, inactive or its owner may not invite."
        mlmReferral(code: String!): MlmReferral
    }

    extend type Mutation {
        "A 'join us' page: registers a distributor in the network under the inviting link's owner."
        mlmJoin(input: MlmJoinInput!): MlmJoinResult!
    }
`;

@Resolver()
export class MlmShopResolver {
    constructor(
        private readonly backOffice: BackOfficeService,
        private readonly sync: SyncService,
    ) {}

    @Query()
    async mlmReferral(@Ctx() ctx: RequestContext, @Args() args: { code: string }) {
        const client = this.backOffice.client(ctx.channel.code);
        if (!client || !isReferralCode(args.code)) return null;
        try {
            const answer = await client.get(`/links/${BackOfficeClient.segment(args.code)}`, true);
            if (answer.status !== 200) return null;
            return { code: answer.body.code, ownerCode: answer.body.owner.code, ownerName: answer.body.owner.name, url: answer.body.url };
        } catch (e) {
            if (!(e instanceof BackOfficeUnavailable)) throw e;
            Logger.warn(`referral ${args.code} not resolved: ${e.message}`, loggerCtx);
            return null;
        }
    }

    @Mutation()
    async mlmJoin(@Ctx() ctx: RequestContext, @Args() args: { input: any }): Promise<JoinAnswer> {
        if (!this.backOffice.client(ctx.channel.code)) throw new UserInputError('this shop is not connected to the back office');
        const i = args.input;
        if (i.ref != null && !isReferralCode(i.ref)) throw new UserInputError('ref: not a referral code');
        return this.sync.join(ctx, {
            email: i.emailAddress,
            name: i.name,
            ...(i.phone ? { phone: i.phone } : {}),
            ...(i.country ? { country: i.country } : {}),
            ...(i.ref ? { ref: i.ref } : {}),
        });
    }
}
