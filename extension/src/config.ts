/** The native-messaging host: the Sidenote app's binary (src-tauri/src/browser). */
export const HOST_NAME = "app.sidenote.reader";

/** The install page of our docs, which the "not installed" state links to. */
export const INSTALL_URL = "https://example.invalid/sidenote/blob/main/docs/browser.md#install";

/** Characters of context kept either side of a selection (the host keeps 32). */
export const CONTEXT_CHARS = 64;
