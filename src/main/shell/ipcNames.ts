// The two Electron IPC channel names, shared by main and the preload. The contract's
// channel ("file.open", …) travels as an argument of the one invoke channel, so the
// preload exposes no channel names and main has exactly one handler to guard.

/** renderer → main: (contractChannel, input) → Result. */
export const IPC_INVOKE = 'rplan:invoke';
/** main → renderer: one AppEvent per message. */
export const IPC_EVENT = 'rplan:event';
