package org.xmppboot.plugins.xep0045;

import java.util.Locale;

import org.xmppboot.stanza.Message;

/** Reading groupchat messages the way people write them. */
public final class MucMessages {

    private MucMessages() {
    }

    /**
     * Whether a message mentions {@code nick}: {@code @nick} anywhere as a whole word, or the body starting with
     * the nick followed by {@code :} or {@code ,} (how clients address someone). Case does not matter.
     */
    public static boolean mentions(Message message, String nick) {
        String body = message.getBody();
        if (body == null || nick.isEmpty()) {
            return false;
        }
        String text = body.toLowerCase(Locale.ROOT);
        String name = nick.toLowerCase(Locale.ROOT);
        String start = text.stripLeading();
        if (start.startsWith(name) && start.length() > name.length()
                && (start.charAt(name.length()) == ':' || start.charAt(name.length()) == ',')) {
            return true;
        }
        String at = "@" + name;
        for (int i = text.indexOf(at); i >= 0; i = text.indexOf(at, i + 1)) {
            boolean startsWord = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + at.length();
            boolean endsWord = end == text.length() || !isNickChar(text.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNickChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
