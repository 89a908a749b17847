// A rectangular cell range in displayed coordinates (row index in the current sort
// and filter, column index among the displayed columns): where it started (the
// anchor) and where it ends (the focused corner).

export interface CellPos {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellPos;
  end: CellPos;
}

export interface RangeBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function bounds(range: CellRange): RangeBounds {
  return {
    top: Math.min(range.anchor.row, range.end.row),
    bottom: Math.max(range.anchor.row, range.end.row),
    left: Math.min(range.anchor.col, range.end.col),
    right: Math.max(range.anchor.col, range.end.col),
  };
}

export function contains(b: RangeBounds, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function single(pos: CellPos): CellRange {
  return { anchor: pos, end: pos };
}

export function clamp(pos: CellPos, rows: number, cols: number): CellPos {
  return { row: Math.max(0, Math.min(rows - 1, pos.row)), col: Math.max(0, Math.min(cols - 1, pos.col)) };
}
