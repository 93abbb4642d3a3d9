/**
 * XEP-0363 HTTP File Upload: a bot shares a file (a report, a chart, a log) by asking its server's upload service
 * for a slot, putting the bytes there over HTTP, and sending the download URL, which clients show inline.
 * Asynchronous throughout, with progress for large files and clear exceptions when a file is too large or a
 * quota is reached.
 */
@NullMarked
package org.xmppboot.plugins.xep0363;

import org.jspecify.annotations.NullMarked;
