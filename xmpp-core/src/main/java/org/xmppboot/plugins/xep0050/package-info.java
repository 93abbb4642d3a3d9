/**
 * XEP-0050 Ad-Hoc Commands: a bot offers commands that people (or other programs) find through service
 * discovery and run from their client, one step or a dialogue of data forms, with access control per command;
 * and a bot lists and runs the commands other entities offer.
 */
@NullMarked
package org.xmppboot.plugins.xep0050;

import org.jspecify.annotations.NullMarked;
