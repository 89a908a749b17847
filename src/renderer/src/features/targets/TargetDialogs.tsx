import type { PlanVersionInfo, TargetDim, TargetMeasure, TargetNode } from '../../../../shared/endpoints/targets';
import type { TargetRow } from './columns';
import { BalanceDialog, CompareDialog, HoTargetDialog, ManualWeightsDialog, SeasonalityDialog, VersionsDialog } from './dialogs';

// Which of the area's dialogs is up. The dialogs change the plan with commands; the
// page's queries of the targets reload by themselves.

export type TargetDialogKind = 'hoTarget' | 'versions' | 'compare' | 'seasonality' | 'balance' | 'manual';

interface Props {
  kind: TargetDialogKind;
  versions: PlanVersionInfo[];
  versionId: number;
  readOnly: boolean;
  measure: TargetMeasure;
  levels: TargetDim[];
  focusRow: TargetRow | null;
  focusChildren: TargetNode[];
  onSelectVersion(id: number): void;
  onClose(): void;
}

export function TargetDialogs({ kind, versions, versionId, readOnly, measure, levels, focusRow, focusChildren, onSelectVersion, onClose }: Props) {
  switch (kind) {
    case 'hoTarget':
      return <HoTargetDialog onClose={onClose} />;
    case 'versions':
      return <VersionsDialog versions={versions} currentId={versionId} onSelect={onSelectVersion} onClose={onClose} />;
    case 'compare':
      return <CompareDialog versions={versions} measure={measure} onClose={onClose} />;
    case 'seasonality':
      return <SeasonalityDialog versionId={versionId} readOnly={readOnly} onClose={onClose} />;
    case 'balance':
      return <BalanceDialog versionId={versionId} measure={measure} onClose={onClose} />;
    case 'manual':
      if (!focusRow || focusChildren.length === 0) return null;
      return (
        <ManualWeightsDialog
          versionId={versionId}
          levels={levels}
          measure={measure}
          node={{ path: focusRow.path, label: focusRow.label, months: focusRow.months }}
          children={focusChildren}
          onClose={onClose}
        />
      );
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
