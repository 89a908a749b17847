// The `hq` commands' usage text, apart from their code so that the CLI's help does not load head office's store.

export const HQ_USAGE = `  hq init FILE|--postgres URL --year YYYY [--regions NAME,…] [--tolerance P] [--cap P]
         [--due YYYY-MM-DD] [--name NAME]
                 create head office's workspace for one plan cycle: a .rplanhq file,
                 or the tables in an empty PostgreSQL database. --regions: the regions
                 expected, by name; --tolerance: the gap to head office's target a
                 region may have, in percent (default 1); --cap: the expense-ratio cap
                 in percent; --due: the date packages are due (late regions stand out)
  hq receive HQ PKG…|DIR… [--accept-new-key] [--register] [--by NAME] [--lang L]
                 receive plan packages (a folder: every .rplanpkg in it, in name
                 order): the package's own checks, then head office's (plan year,
                 region expected, its pinned key, a package not seen before, a
                 revision above the accepted one that replaces it, not issued before
                 it). Each verdict goes to the receipt log; exit 2 if any is refused.
                 --register: accept a region not expected; --accept-new-key: a known
                 region's package signed by another key (and pin that key)
  hq status HQ [--json] [--lang L]
                 the status board: each region's state, revision, plan against head
                 office's target, expense ratio, warnings, lateness
  hq return HQ REGION --comment TEXT [--by NAME] [--out DIR] [--state-dir DIR]
                 send a region's accepted revision back (退回) with a comment
  hq confirm HQ REGION [--by NAME] [--out DIR] [--state-dir DIR]
                 confirm a region's accepted revision as the version of record.
                 Both write the region's signed return file (.rplanret, signed with
                 the installation's key in --state-dir, default ~/.regionplan-web)
                 into DIR (default the current folder), which the region opens
  hq reopen HQ REGION [--by NAME]
                 reopen a confirmed region to a next revision
  hq targets HQ [--in FILE] [--out DIR] [--lang L]
                 --in: set head office's target by region × month from a CSV or
                 workbook (columns 區域/region, 月份/month, 銷售額目標（元）/amount,
                 銷量目標（箱）/volume; any bad row: nothing set, each named by row);
                 --out: write one target file per region (head office's target by month),
                 which the region's 總部目標 import takes as it is; a region that has
                 sent no package yet, or has no target, gets none (and is named)
  hq export HQ --xlsx OUT [--unit yuan|wan|yi] [--lang L]
                 write the consolidated workbook: the status board, the national plan
                 against head office's target by region × month, by brand/category and
                 channel, the expense budget and ratio by region
                 (HQ: a .rplanhq file, or --postgres URL; REGION: its name or id)
`;
