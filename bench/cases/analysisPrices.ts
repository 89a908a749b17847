import type { BenchCase } from '../types';

// chart-prices: the prices view's chart on the large region (being built in issue 7).

export const chartPrices: BenchCase = {
  name: 'chart-prices',
  run() {
    return Promise.reject(new Error('chart-prices: the prices view is not built yet'));
  },
};
