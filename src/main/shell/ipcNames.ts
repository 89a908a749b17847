// The names of the two Electron IPC messages, shared by main and the preload. The
// contract's endpoint ("file.open", …) travels as an argument of the one invoke
// message, so the preload exposes no names and main has exactly one handler to guard.

/** renderer → main: (contractChannel, input) → Result. */
export const IPC_INVOKE = 'rplan:invoke';
/** main → renderer: one AppEvent per message. */
export const IPC_EVENT = 'rplan:event';
