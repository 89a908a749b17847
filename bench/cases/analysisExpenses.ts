import type { BenchCase } from '../types';

// chart-expenses: the expenses view's chart on the large region (being built in issue 7).

export const chartExpenses: BenchCase = {
  name: 'chart-expenses',
  run() {
    return Promise.reject(new Error('chart-expenses: the expenses view is not built yet'));
  },
};
