import {
    Injector,
    Order,
    OrderItemPriceCalculationStrategy,
    PriceCalculationResult,
    ProductVariant,
    ProductVariantPriceCalculationArgs,
    ProductVariantPriceCalculationStrategy,
    RequestContext,
} from '@vendure/core';
import { DefaultProductVariantPriceCalculationStrategy } from '@vendure/core/dist/config/catalog/default-product-variant-price-calculation-strategy';

import { BackOfficeService } from './backoffice.service';

/**
 * Shown prices: the back office's unit price for the signed-in buyer's tier, by the variant's sku, with Vendure's
 * own tax handling (as if it had been entered as the variant's price). A sku the back office does not sell, or a
 * back office never reached, keeps Vendure's price.
 */
export class MlmProductVariantPriceStrategy implements ProductVariantPriceCalculationStrategy {
    private readonly vendures = new DefaultProductVariantPriceCalculationStrategy();
    private backOffice!: BackOfficeService;

    init(injector: Injector) {
        this.vendures.init(injector);
        this.backOffice = injector.get(BackOfficeService);
    }

    async calculate(args: ProductVariantPriceCalculationArgs): Promise<PriceCalculationResult> {
        const { ctx, productVariant } = args;
        if (!this.backOffice.client(ctx.channel.code)) return this.vendures.calculate(args);
        const customer = await this.backOffice.activeCustomer(ctx);
        const price = await this.backOffice.unitPrice(ctx.channel.code, customer, productVariant.sku);
        return this.vendures.calculate(price === undefined ? args : { ...args, inputPrice: price });
    }
}

/**
 * Charged prices: an order line's unit price is the back office's for the order's customer (who may not be the
 * one signed in, e.g. an order an administrator makes for a customer).
 */
export class MlmOrderItemPriceStrategy implements OrderItemPriceCalculationStrategy {
    private backOffice!: BackOfficeService;

    init(injector: Injector) {
        this.backOffice = injector.get(BackOfficeService);
    }

    async calculateUnitPrice(
        ctx: RequestContext,
        productVariant: ProductVariant,
        _orderLineCustomFields: { [key: string]: any },
        order: Order,
    ): Promise<PriceCalculationResult> {
        const vendures = { price: productVariant.listPrice, priceIncludesTax: productVariant.listPriceIncludesTax };
        if (!this.backOffice.client(ctx.channel.code)) return vendures;
        const customer =
            order.customer ?? (await this.backOffice.customerById(ctx, order.customerId)) ?? (await this.backOffice.activeCustomer(ctx));
        const price = await this.backOffice.unitPrice(ctx.channel.code, customer, productVariant.sku);
        return price === undefined ? vendures : { price, priceIncludesTax: ctx.channel.pricesIncludeTax };
    }
}
