import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, OrderService, Permission, RequestContext, UserInputError } from '@vendure/core';
import gql from 'graphql-tag';

import { SyncService } from './sync.service';

export const adminApiExtensions = gql`
    extend type Mutation {
        "Sends an order to the back office again (after a refusal whose cause is fixed); true when it was queued."
        mlmSendOrder(code: String!): Boolean!
    }
`;

@Resolver()
export class MlmAdminResolver {
    constructor(
        private readonly sync: SyncService,
        private readonly orders: OrderService,
    ) {}

    @Mutation()
    @Allow(Permission.UpdateOrder)
    async mlmSendOrder(@Ctx() ctx: RequestContext, @Args() args: { code: string }): Promise<boolean> {
        if (!(await this.orders.findOneByCode(ctx, args.code))) throw new UserInputError(`no order ${args.code}`);
        return this.sync.send(ctx, args.code);
    }
}
