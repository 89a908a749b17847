/** PRAGMA application_id of every region file: "RPLN" as a big-endian 32-bit integer. */
export const APPLICATION_ID = 0x52504c4e;
export const REGION_FILE_EXTENSION = '.rplan';

/**
 * Pages (4 KiB) a region file's write-ahead log may hold before a commit checkpoints it
 * itself (16 MiB); below that, checkpoints wait for a pause in the user's work (upkeep.ts).
 */
export const WAL_AUTOCHECKPOINT = 4096;
