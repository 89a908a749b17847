import type { BenchCase } from '../types';

// chart-terminals: the terminals view's chart on the large region (being built in issue 7).

export const chartTerminals: BenchCase = {
  name: 'chart-terminals',
  run() {
    return Promise.reject(new Error('chart-terminals: the terminals view is not built yet'));
  },
};
