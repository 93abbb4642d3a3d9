package org.xmppboot.hostile;

import java.util.ArrayList;
import java.util.List;

/** Live threads of this JVM, counted without taking their stacks. */
final class Threads {

    private Threads() {
    }

    static Thread[] all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 64];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return java.util.Arrays.copyOf(threads, n);
    }

    /** The names of live threads whose name starts with {@code prefix}. */
    static List<String> named(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : all()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** The stacks of live threads whose name starts with {@code prefix}: what a stuck client was doing. */
    static String stacks(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Thread t : all()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                sb.append("\n\"").append(t.getName()).append("\" ").append(t.getState());
                for (StackTraceElement frame : t.getStackTrace()) {
                    sb.append("\n\tat ").append(frame);
                }
            }
        }
        return sb.toString();
    }
}
