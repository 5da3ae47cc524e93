export { BackOfficeConnection, BackOfficeClient, BackOfficeRefusal, BackOfficeUnavailable } from './backoffice-client';
export { BackOfficeService, Buyer, StoreInfo } from './backoffice.service';
export { MlmBackofficePluginOptions, mlmBackoff, kQueueName } from './options';
export { MlmBackofficePlugin } from './plugin';
export { MlmOrderItemPriceStrategy, MlmProductVariantPriceStrategy } from './price-strategies';
export { SyncService, referralOf } from './sync.service';
