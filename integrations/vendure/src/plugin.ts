import { LanguageCode, PluginCommonModule, Type, VendurePlugin } from '@vendure/core';

import { MlmAdminResolver, adminApiExtensions } from './admin-api';
import { BackOfficeService } from './backoffice.service';
import { MLM_PLUGIN_OPTIONS, MlmBackofficePluginOptions, isReferralCode, kReferralCookie } from './options';
import { MlmOrderItemPriceStrategy, MlmProductVariantPriceStrategy } from './price-strategies';
import { MlmShopResolver, shopApiExtensions } from './shop-api';
import { SyncService } from './sync.service';

const en = (value: string) => [{ languageCode: LanguageCode.en, value }];

/**
 * Connects Vendure channels to stores of the MLM back office (mlm-server's store API): registrations, the buyer's
 * tier prices, orders and their payments, cancellations and refunds. See docs/integrations/vendure.md.
 */
@VendurePlugin({
    imports: [PluginCommonModule],
    providers: [BackOfficeService, SyncService, { provide: MLM_PLUGIN_OPTIONS, useFactory: () => MlmBackofficePlugin.options }],
    shopApiExtensions: { schema: shopApiExtensions, resolvers: [MlmShopResolver] },
    adminApiExtensions: { schema: adminApiExtensions, resolvers: [MlmAdminResolver] },
    compatibility: '^3.0.0',
    configuration: config => {
        config.catalogOptions.productVariantPriceCalculationStrategy = new MlmProductVariantPriceStrategy();
        config.orderOptions.orderItemPriceCalculationStrategy = new MlmOrderItemPriceStrategy();
        config.customFields.Customer.push(
            { name: 'mlmRef', type: 'string', readonly: true, label: en('Referral code of the visit') },
            { name: 'mlmMemberCode', type: 'string', readonly: true, label: en('Back office member code') },
            { name: 'mlmRegistered', type: 'boolean', readonly: true, public: false, defaultValue: false, label: en('Registered in the back office') },
        );
        config.customFields.Order.push(
            { name: 'mlmStatus', type: 'string', readonly: true, public: false, label: en('Back office status') },
            { name: 'mlmError', type: 'text', readonly: true, public: false, label: en('Back office refusal') },
        );
        // A visitor's ?ref=CODE on any Shop API request is kept in a cookie for referralCookieDays.
        const days = MlmBackofficePlugin.options.referralCookieDays ?? 30;
        config.apiOptions.middleware.push({
            route: config.apiOptions.shopApiPath ?? 'shop-api',
            handler: (req: any, res: any, next: () => void) => {
                const ref = req.query?.ref;
                if (isReferralCode(ref))
                    res.append('Set-Cookie', `${kReferralCookie}=${encodeURIComponent(ref)}; Max-Age=${days * 86400}; Path=/; HttpOnly; SameSite=Lax`);
                next();
            },
        });
        return config;
    },
})
export class MlmBackofficePlugin {
    static options: MlmBackofficePluginOptions;

    static init(options: MlmBackofficePluginOptions): Type<MlmBackofficePlugin> {
        this.options = options;
        return MlmBackofficePlugin;
    }
}
