/** PRAGMA application_id of every region file: "RPLN" as a big-endian 32-bit integer. */
export const APPLICATION_ID = 0x52504c4e;
export const REGION_FILE_EXTENSION = '.rplan';
