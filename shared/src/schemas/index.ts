export * from './common';
export * from './customers';
export * from './tags';
export * from './orders';
export * from './catalogue';
