package org.xmppboot.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Runs {@code ejabberdctl} against one {@link LocalEjabberd} folder, as whichever OS user can.
 *
 * <p>The script pins a system user ({@code INSTALLUSER=ejabberd} in Debian's) and only runs as that user or as
 * root, and as root it switches to that user with {@code su} before starting Erlang. So:
 * <ul>
 *   <li>as root (CI), the folder is handed to that user, who must also be able to enter every parent
 *       directory ({@link #enterableByOthers});</li>
 *   <li>as that user, or where the script names none, the script runs as it is;</li>
 *   <li>as anyone else, a copy of the script with an empty {@code INSTALLUSER} runs everything as the current
 *       user, which owns the folder anyway (the script's own "run as current user" mode).</li>
 * </ul>
 */
final class EjabberdCtl {

    private static final Pattern INSTALL_USER = Pattern.compile("^INSTALLUSER=\"?([A-Za-z0-9_.-]*)\"?\\s*$",
            Pattern.MULTILINE);

    private final List<String> prefix;
    private final Path directory;
    private final @Nullable String switchesTo;

    private EjabberdCtl(Path script, Path directory, @Nullable String switchesTo) {
        this.directory = directory;
        this.switchesTo = switchesTo;
        this.prefix = List.of(script.toString(), "--config-dir", directory.toString(),
                "--config", directory.resolve("ejabberd.yml").toString(),
                "--ctl-config", directory.resolve("ejabberdctl.cfg").toString(),
                "--spool", directory.resolve("spool").toString(),
                "--logs", directory.resolve("logs").toString());
    }

    /**
     * Readies {@code directory} (already holding its config files) for {@code ejabberdctl}: hands it to the
     * script's user when we are root, or writes a copy of the script that stays with the current user.
     */
    static EjabberdCtl prepare(Path ejabberdctl, Path directory) throws IOException {
        String script = Files.readString(ejabberdctl, StandardCharsets.UTF_8);
        Matcher m = INSTALL_USER.matcher(script);
        String installUser = m.find() ? m.group(1) : "";
        String me = System.getProperty("user.name", "");
        if (installUser.isEmpty() || installUser.equals(me)) {
            return new EjabberdCtl(ejabberdctl, directory, null);
        }
        if (me.equals("root")) {
            if (!enterableByOthers(directory.getParent())) {
                throw new IOException("ejabberdctl runs ejabberd as the user '" + installUser + "', who cannot "
                        + "enter " + directory.getParent() + ": choose a base directory that others may enter "
                        + "(LocalEjabberd.options().baseDirectory(...))");
            }
            chown(directory, installUser);
            return new EjabberdCtl(ejabberdctl, directory, installUser);
        }
        Path copy = directory.resolve("ejabberdctl");
        Files.writeString(copy, m.replaceFirst("INSTALLUSER="), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new EjabberdCtl(copy, directory, null);
    }

    /** Whether a user who is neither owner nor in the group may enter {@code dir} and all its parents. */
    static boolean enterableByOthers(Path dir) {
        try {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void chown(Path directory, String user) throws IOException {
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setOwner(p, owner);
            }
        }
    }

    /** The OS user ejabberd runs as when it is not the current one, for messages. */
    @Nullable String switchesTo() {
        return switchesTo;
    }

    /** The full command line for {@code ejabberdctl <arguments>}. */
    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts the node attached ({@code foreground}), its output going to {@code consoleLog}. */
    Process startForeground(Path consoleLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command("foreground"))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Flags from the caller's environment would reach the server's VM too.
        builder.environment().keySet().removeAll(Set.of("ERL_FLAGS", "ERL_AFLAGS", "ERL_ZFLAGS", "ERL_LIBS"));
        return builder.start();
    }

    /** Runs one command in a new Erlang VM (about 1 s) and returns its output. */
    String run(Duration timeout, String... arguments) throws IOException {
        // Named by the command alone, never its arguments (a password, say).
        String label = "ejabberdctl " + (arguments.length > 0 ? arguments[0] : "");
        return LocalServerSupport.run(directory, timeout, label, command(arguments).toArray(String[]::new));
    }
}
