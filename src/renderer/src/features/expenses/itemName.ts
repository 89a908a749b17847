import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { seededItemKey } from '../../../../shared/expenseItems';

/** An expense item's name on screen: a default item in the UI's language, any other as typed. */
export type ItemNamer = (item: { code: string; name: string }) => string;

export function useItemName(): ItemNamer {
  const { t } = useTranslation();
  return useCallback(
    (item: { code: string; name: string }) => {
      const key = seededItemKey(item.code, item.name);
      return key === null ? item.name : t(`expenses.seedItem.${key}`);
    },
    [t],
  );
}
