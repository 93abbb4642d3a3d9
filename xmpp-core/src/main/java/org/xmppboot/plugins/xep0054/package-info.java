/**
 * XEP-0054 vcard-temp: the bot's public business card on its server (full name, nickname, photo, URL,
 * description, ...), and anyone else's. {@link org.xmppboot.plugins.xep0054.VCardTemp} reads and writes it;
 * {@link org.xmppboot.plugins.xep0054.VCard} types the common fields and keeps every other one as it came, so a
 * card read, edited and written back loses nothing.
 */
@NullMarked
package org.xmppboot.plugins.xep0054;

import org.jspecify.annotations.NullMarked;
