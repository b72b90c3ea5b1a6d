import type { TAG_CATEGORIES } from '../schemas';

type Category = (typeof TAG_CATEGORIES)[number];

/**
 * The tag definitions a new venue starts with; managers add, edit and retire their own.
 * [tagType, tagValue, displayName, category, priority, colour, allowMultiple, parent tagType]
 */
export const STARTER_TAGS: ReadonlyArray<readonly [string, string | null, string, Category, number, string, boolean, string | null]> = [
  ['WINE_CLUB', null, 'Wine Club', 'SEGMENT', 100, '#7b1e3a', false, null],
  ['WINE_CLUB', 'SILVER', 'Wine Club · Silver', 'SEGMENT', 101, '#8d939a', false, 'WINE_CLUB'],
  ['WINE_CLUB', 'GOLD', 'Wine Club · Gold', 'SEGMENT', 102, '#b8901c', false, 'WINE_CLUB'],
  ['WINE_CLUB', 'PLATINUM', 'Wine Club · Platinum', 'SEGMENT', 103, '#5e5a66', false, 'WINE_CLUB'],
  ['VIP', null, 'VIP', 'SEGMENT', 110, '#c4462a', false, null],
  ['EVENTS', null, 'Event guest', 'SEGMENT', 90, '#1f7a70', true, null],
  ['WHOLESALE', null, 'Trade account', 'SEGMENT', 85, '#264653', false, null],
  ['PREFERENCE', 'RED', 'Loves reds', 'PREFERENCE', 64, '#8f1d1d', true, null],
  ['PREFERENCE', 'WHITE', 'Loves whites', 'PREFERENCE', 63, '#9a8a2e', true, null],
  ['PREFERENCE', 'SPARKLING', 'Bubbles', 'PREFERENCE', 65, '#a07d12', true, null],
  ['PREFERENCE', 'ORGANIC', 'Organic', 'PREFERENCE', 70, '#4a7048', true, null],
  ['PREFERENCE', 'BIODYNAMIC', 'Biodynamic', 'PREFERENCE', 69, '#35543a', true, null],
  ['REGION', 'NAPA', 'Napa fan', 'PREFERENCE', 60, '#5c4185', true, null],
  ['REGION', 'SONOMA', 'Sonoma fan', 'PREFERENCE', 60, '#1a6fa8', true, null],
  ['BEHAVIOR', 'GIFT_BUYER', 'Buys gifts', 'BEHAVIOR', 49, '#b02525', true, null],
  ['BEHAVIOR', 'BULK_BUYER', 'Buys by the case', 'BEHAVIOR', 48, '#003049', true, null],
  ['DEMOGRAPHIC', 'LOCAL', 'Local', 'DEMOGRAPHIC', 40, '#0a7d5f', true, null],
  ['DEMOGRAPHIC', 'TOURIST', 'Visiting', 'DEMOGRAPHIC', 39, '#0f6f8f', true, null],
  ['ALLERGY', 'SULFITES', 'Sulfite sensitive', 'PREFERENCE', 20, '#6c757d', true, null],
  ['ACCESSIBILITY', 'STEP_FREE', 'Step-free access', 'DEMOGRAPHIC', 19, '#495057', true, null],
];

/** [sku, name, category, price in cents, barcode] */
export const STARTER_PRODUCTS: ReadonlyArray<readonly [string, string, string, number, string | null]> = [
  ['RED-0101', 'Estate Cabernet Sauvignon 2021', 'RED', 6800, '0850001001014'],
  ['RED-0102', 'Russian River Pinot Noir 2022', 'RED', 5400, '0850001001021'],
  ['RED-0103', 'Old Vine Zinfandel 2021', 'RED', 4200, '0850001001038'],
  ['RED-0104', 'Reserve Red Blend 2020', 'RED', 8500, '0850001001045'],
  ['WHI-0201', 'Estate Chardonnay 2023', 'WHITE', 3800, '0850001002011'],
  ['WHI-0202', 'Sauvignon Blanc 2024', 'WHITE', 2900, '0850001002028'],
  ['WHI-0203', 'Dry Riesling 2023', 'WHITE', 3100, '0850001002035'],
  ['SPA-0301', 'Brut Méthode Champenoise', 'SPARKLING', 4800, '0850001003018'],
  ['SPA-0302', 'Blanc de Noirs', 'SPARKLING', 5600, '0850001003025'],
  ['ROS-0401', 'Dry Rosé of Grenache 2024', 'ROSE', 2800, '0850001004015'],
  ['DES-0501', 'Late Harvest Riesling (375 ml)', 'DESSERT', 3900, '0850001005012'],
  ['TAS-0601', 'Classic Tasting Flight', 'TASTING', 2500, null],
  ['TAS-0602', 'Reserve Tasting Flight', 'TASTING', 4000, null],
  ['TAS-0603', 'Cheese & Wine Pairing', 'TASTING', 5500, null],
  ['MER-0701', 'Logo Stemless Glass', 'MERCH', 1200, '0850001007016'],
  ['MER-0702', 'Waiter’s Corkscrew', 'MERCH', 1800, '0850001007023'],
  ['MER-0703', 'Canvas Wine Tote', 'MERCH', 2400, '0850001007030'],
  ['MER-0704', 'Gift Box (2 bottles)', 'MERCH', 1500, null],
];
