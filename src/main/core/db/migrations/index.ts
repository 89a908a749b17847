import type { Kysely } from 'kysely';
import * as m001 from './001_file_basics';
import * as m002 from './002_master_data';
import * as m003 from './003_plan';
import * as m004 from './004_actuals';
import * as m005 from './005_target_planning';
import * as m006 from './006_sales_summary';
import * as m007 from './007_plan_defaults';
import * as m008 from './008_undo_step_version';
import * as m009 from './009_batch_losses';
import * as m010 from './010_sku_cost_unknown';
import * as m011 from './011_gross_profit_known';
import * as m012 from './012_channel_plan';
import * as m013 from './013_written_plan';
import * as m014 from './014_terminal_plan';
import * as m015 from './015_product_plan';
import * as m016 from './016_variance_notes';
import * as m017 from './017_deck_arrangement';
import * as m018 from './018_submissions';
import * as m019 from './019_snapshot_chapters_frozen';
import * as m020 from './020_submission_answer_by';

export interface Migration {
  /** The schema version this migration produces (PRAGMA user_version after it). */
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/**
 * Every migration, in order. Append only: the position is the schema version, and a
 * shipped migration is never edited (files in the field were made by it).
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'file basics', up: m001.up },
  { version: 2, name: 'master data', up: m002.up },
  { version: 3, name: 'plan', up: m003.up },
  { version: 4, name: 'actuals and observations', up: m004.up },
  { version: 5, name: 'target planning', up: m005.up },
  { version: 6, name: 'monthly sales summaries', up: m006.up },
  { version: 7, name: 'the working plan and the default expense items', up: m007.up },
  { version: 8, name: 'the plan version of an undo step', up: m008.up },
  { version: 9, name: 'what later imports took from a batch', up: m009.up },
  { version: 10, name: 'SKU pack size, list price and cost may be unknown', up: m010.up },
  { version: 11, name: 'sales lines whose gross profit is not known', up: m011.up },
  { version: 12, name: 'the channel customer plan', up: m012.up },
  { version: 13, name: 'the written plan as structured documents, with the review commentary', up: m013.up },
  { version: 14, name: 'the terminal plan, and stores a plan means to open', up: m014.up },
  { version: 15, name: 'the product plan: channel positioning and new products', up: m015.up },
  { version: 16, name: 'variance notes per plan version, with causes and actions', up: m016.up },
  { version: 17, name: 'the deck\'s arrangement per plan version', up: m017.up },
  { version: 18, name: 'the submission log', up: m018.up },
  { version: 19, name: 'a snapshot\'s expense budget, promotions, team and actions are frozen', up: m019.up },
  { version: 20, name: 'head office\'s answer says who decided', up: m020.up },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
