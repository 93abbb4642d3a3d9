package org.xmppboot.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;

/**
 * What {@link LoadBenchmark} reads off this JVM and the Prosody it started: heap after GC, threads (platform,
 * and virtual from a thread dump), CPU time, and the server's CPU, memory and file descriptor limit from
 * {@code /proc}. Everything degrades to -1 where the runtime or the OS does not tell.
 */
final class LoadProbes {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LoadProbes() {
    }

    /** Used heap after a few full collections: what live objects hold. */
    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(150);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Used heap now, garbage included: cheap enough to sample often. */
    static long usedHeap() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Live platform threads of this JVM (virtual threads are not counted by the thread MXBean). */
    static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** CPU time of this JVM, all threads, in nanoseconds. */
    static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * Virtual threads whose name starts with {@code prefix}, or -1 before Java 21. The thread MXBean sees only
     * platform threads; a JSON thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}, Java 21+, reached
     * reflectively since this code compiles for 17) lists the virtual ones too, so the count is the dump's
     * minus the platform threads of that name.
     */
    static int virtualThreads(String prefix) {
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> format = (Class<Enum>) Class.forName(
                    "com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            @SuppressWarnings("unchecked")
            Object json = Enum.valueOf(format, "JSON");
            Method dump = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
            Path file = Files.createTempFile("threads", ".json");
            Files.delete(file); // dumpThreads refuses to overwrite
            try {
                dump.invoke(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), file.toString(),
                        json);
                Matcher names = Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(prefix))
                        .matcher(Files.readString(file));
                int inDump = 0;
                while (names.find()) {
                    inDump++;
                }
                long platform = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(prefix)).count();
                return (int) (inDump - platform);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The Prosody process this JVM started (a child running {@code prosody}), if there is one. */
    static Optional<ProcessHandle> prosody() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.toString(a).contains("prosody")).orElse(false)
                        || p.info().command().map(c -> c.contains("prosody")).orElse(false))
                .findFirst();
    }

    /** CPU time of a process, in nanoseconds, or -1. */
    static long cpuNanos(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** Resident memory of a process in bytes ({@code VmRSS}), or -1. */
    static long residentBytes(Optional<ProcessHandle> process) {
        String kb = procField(process, "status", "VmRSS:");
        return kb.isEmpty() ? -1 : Long.parseLong(kb.split("\\s+")[0]) * 1024;
    }

    /** A process's soft limit on open files, as {@code /proc/PID/limits} gives it, or "?". */
    static String openFilesLimit(Optional<ProcessHandle> process) {
        String line = procField(process, "limits", "Max open files");
        return line.isEmpty() ? "?" : line.trim().split("\\s+")[0];
    }

    /** This JVM's soft limit on open files. */
    static String ownOpenFilesLimit() {
        return openFilesLimit(Optional.of(ProcessHandle.current()));
    }

    private static String procField(Optional<ProcessHandle> process, String file, String key) {
        if (process.isEmpty()) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.get().pid()), file))) {
                if (line.startsWith(key)) {
                    return line.substring(key.length()).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return "";
    }
}
