package org.xmppboot.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The operating-system processes of one {@link LocalEjabberd} node: {@code ejabberdctl foreground} and everything
 * it starts (su, sh, the Erlang VM, erl_child_setup and its helpers), found even after part of that chain has
 * died, and stopped so that none is left behind.
 */
final class EjabberdProcesses {

    private final Path directory;
    private volatile Process process;

    /**
     * @param process the {@code ejabberdctl foreground} process
     * @param directory the node's folder: its pid file, and a name every process started for it carries
     */
    EjabberdProcesses(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    /** The node was started again: this is its new {@code ejabberdctl foreground} process. */
    void started(Process restarted) {
        process = restarted;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * Stops the node gracefully (SIGTERM to the Erlang VM, which runs {@code init:stop()}; about 1 s) and kills
     * whatever of its process tree is left after {@code grace}.
     */
    void stop(Duration grace) {
        List<ProcessHandle> tree = tree();
        Optional<ProcessHandle> vm = tree.stream().filter(EjabberdProcesses::isErlangVm).findFirst();
        vm.orElse(process.toHandle()).destroy();
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(5));
        }
        // What was still forking while the tree was taken shows up now.
        List<ProcessHandle> late = tree().stream().filter(ProcessHandle::isAlive).toList();
        late.forEach(ProcessHandle::destroyForcibly);
        awaitExit(late, Duration.ofSeconds(5));
        // The next start must not find the pid of this one.
        try {
            Files.deleteIfExists(directory.resolve("ejabberd.pid"));
        } catch (IOException e) {
            // a pid file naming a dead process is ignored by tree()
        }
    }

    /** Kills every process of the node at once (a JVM shutting down has no time for a graceful stop). */
    void kill() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(2));
    }

    /**
     * ejabberdctl, su, sh, beam.smp, erl_child_setup and the helpers it starts, taken before any dies (an orphan
     * is no longer a descendant), plus the VM named by the pid file in case that chain is already broken.
     */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> descendants = process.toHandle().descendants()) {
            descendants.forEach(tree::add);
        }
        try {
            String pid = Files.readString(directory.resolve("ejabberd.pid"), StandardCharsets.US_ASCII).trim();
            ProcessHandle.of(Long.parseLong(pid)).filter(h -> !tree.contains(h))
                    .filter(EjabberdProcesses::isErlangVm).ifPresent(tree::add);
        } catch (IOException | NumberFormatException e) {
            // no pid file yet: the VM, if any, is among the descendants
        }
        // A start cut short can leave a process that left the tree (an orphan of a killed su) or had not forked
        // yet when the tree was taken: every process started for this server names its folder.
        String marker = directory.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(h -> !tree.contains(h) && h.pid() != ProcessHandle.current().pid())
                    .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .forEach(tree::add);
        }
        return tree;
    }

    private static boolean isErlangVm(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/beam.smp") || c.endsWith("/beam")).orElse(false);
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        try {
            CompletableFuture.allOf(handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
