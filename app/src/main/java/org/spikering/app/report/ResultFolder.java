package org.spikering.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code --out} folder of one command: its result set appears complete or not at all, and only one
 * spikering run writes it at a time.
 *
 * <p>How, for {@code --out = P/name}:
 * <ol>
 * <li>{@link #open} takes the lock {@code P/.name.lock} ({@link FileChannel#tryLock}, held until {@link #close});
 *     a second run on the same folder gets {@code --out = 'X': in use by another spikering run} before any work.</li>
 * <li>Holding the lock, it recovers what a killed run left beside the folder (see below), and refuses a folder that
 *     holds anything but one spikering result set (so a mistyped {@code --out} never deletes a user's files).</li>
 * <li>Every result file is written into a fresh staging folder {@code P/.name.staging-<random>} ({@link #file}).</li>
 * <li>{@link #commit} writes the manifest {@value #MANIFEST} (the command and every file with its size in bytes),
 *     renames the old folder aside ({@code P/.name.old-<random>}), renames the staging folder to {@code P/name} and
 *     deletes the old one and the run's checkpoint folder {@code P/.name.checkpoint} ({@link #checkpointDir}).</li>
 * </ol>
 * A run killed at any moment therefore leaves {@code P/name} as the previous complete set or the new complete set,
 * except between the two renames of the commit (a few microseconds), when {@code P/name} is absent and the previous
 * set is complete at {@code P/.name.old-*}. The next run on the folder (holding the lock) moves such an aside folder
 * back if {@code P/name} is missing and deletes every other staging and aside folder, so after it nothing stray
 * remains. <b>Complete</b> means: the manifest is present and the folder holds exactly the files it lists, with those
 * sizes ({@link #isComplete}); each command also names the files its result set must contain ({@link #commit}).
 * This protects against a killed process, not against power loss (nothing is fsynced).
 *
 * <p>Folders and files are created with the plain {@code Files} calls, so they follow the umask.
 */
public final class ResultFolder implements AutoCloseable {

    /** System property: milliseconds to pause at two moments of the commit (tests only; see {@link #commit}). */
    public static final String PAUSE_PROPERTY = "spikering.test.commitPauseMs";

    /** Name of the manifest inside a committed result folder. */
    public static final String MANIFEST = ".spikering-result.json";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Lock files held by this JVM. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final String option;
    private final Path target;
    private final Path parent;
    private final String name;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path lockFile;
    private final Path staging;
    /** The highest parent folder {@link #open} created, or null: deleted again, if empty, when a run fails. */
    private final Path createdAncestor;
    private boolean committed;
    private boolean closed;

    private ResultFolder(final String option, final Path target, final FileChannel ch, final FileLock lock,
                         final Path lockFile, final Path staging, final Path createdAncestor) {
        this.option = option;
        this.target = target;
        this.parent = target.getParent();
        this.name = target.getFileName().toString();
        this.lockChannel = ch;
        this.lock = lock;
        this.lockFile = lockFile;
        this.staging = staging;
        this.createdAncestor = createdAncestor;
    }

    /**
     * Locks {@code out}, recovers what a killed run left, checks that it may be replaced and creates the staging
     * folder. Call it after the options are validated and before the work starts.
     *
     * @param option the option's name for messages, e.g. {@code --out}.
     * @param out    the result folder.
     * @return the open folder; close it (try-with-resources) whether or not it was committed.
     * @throws IllegalArgumentException if {@code out} cannot be a result folder (one line naming it).
     * @throws IllegalStateException    if another run holds the folder.
     */
    public static ResultFolder open(final String option, final Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new IllegalArgumentException(option + " = '" + (out == null ? "" : out) + "': must name a folder");
        }
        final Path abs = out.toAbsolutePath().normalize();
        if (abs.getFileName() == null || abs.getParent() == null) {
            throw new IllegalArgumentException(option + " = '" + out + "': must name a folder below the root");
        }
        if (Path.of("").toAbsolutePath().normalize().startsWith(abs)) {
            throw new IllegalArgumentException(option + " = '" + out + "': is or contains the current folder, which would be "
                    + "replaced: must be a folder below it or elsewhere");
        }
        final String name = abs.getFileName().toString();
        final Path parent = abs.getParent();
        Path createdAncestor = null;
        for (Path a = parent; a != null && !Files.exists(a); a = a.getParent()) {
            createdAncestor = a;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " = '" + out + "': cannot create its parent folder " + parent
                    + " (" + reason(e) + ")");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " = '" + out + "': is a file, must be a folder");
        }
        final Path lockFile = parent.resolve("." + name + ".lock");
        if (!HELD.add(lockFile)) { // in this JVM: a second channel's close would drop the first one's lock (POSIX)
            throw new IllegalStateException(option + " = '" + out + "': in use by another spikering run");
        }
        FileChannel ch = null;
        FileLock lk = null;
        try {
            // The holder deletes the lock file at close. A run that opened the old file before the deletion and then
            // gets its lock holds a lock on a deleted file; it notices because the file at the path is not the one it
            // opened (same file key before opening and after locking) and tries again. The lock file is never opened
            // otherwise in this process: closing any descriptor of it would release the lock.
            for (int attempt = 0; ; attempt++) {
                final Object before = fileKey(lockFile);
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    lk = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lk = null;
                }
                if (lk == null) {
                    ch.close();
                    HELD.remove(lockFile);
                    throw new IllegalStateException(option + " = '" + out + "': in use by another spikering run");
                }
                if (before != null && before.equals(fileKey(lockFile))) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + randomHex() + "\n")
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    break;
                }
                lk.release();
                ch.close();
                if (attempt > 100) {
                    HELD.remove(lockFile);
                    throw new IllegalStateException(option + " = '" + out + "': in use by another spikering run");
                }
            }
        } catch (IOException e) {
            closeQuietly(ch);
            HELD.remove(lockFile);
            deleteEmptyUpTo(parent, createdAncestor);
            throw new IllegalArgumentException(option + " = '" + out + "': cannot write in " + parent + " (" + reason(e) + ")");
        }
        try {
            recover(parent, name, abs);
            checkReplaceable(option, out, abs);
            final Path staging = parent.resolve("." + name + ".staging-" + randomHex());
            try {
                Files.createDirectory(staging);
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " = '" + out + "': cannot write in " + parent + " (" + reason(e) + ")");
            }
            return new ResultFolder(option, abs, ch, lk, lockFile, staging, createdAncestor);
        } catch (RuntimeException e) {
            releaseLock(lockFile, lk, ch);
            deleteEmptyUpTo(parent, createdAncestor);
            throw e;
        }
    }

    /**
     * @param fileName a file name of the result set (no folders).
     * @return where to write it: inside the staging folder.
     */
    public Path file(final String fileName) {
        if (fileName.contains("/") || fileName.equals(MANIFEST)) {
            throw new IllegalArgumentException("result file name '" + fileName + "': must be a plain name, not " + MANIFEST);
        }
        return staging.resolve(fileName);
    }

    /** @return the staging folder, where writers that take a folder write the result files before {@link #commit}. */
    public Path dir() {
        return staging;
    }

    /** @return the folder the results will have after {@link #commit} (absolute). */
    public Path target() {
        return target;
    }

    /**
     * @return the run's checkpoint folder {@code P/.name.checkpoint} beside the result folder (not created here): inside
     *         the area this lock protects, kept across a kill so that a later run can resume, deleted by {@link #commit}.
     */
    public Path checkpointDir() {
        return checkpointDir(target);
    }

    /**
     * @param out a result folder.
     * @return its checkpoint folder {@code P/.name.checkpoint}.
     */
    public static Path checkpointDir(final Path out) {
        final Path abs = out.toAbsolutePath().normalize();
        return abs.getParent().resolve("." + abs.getFileName() + ".checkpoint");
    }

    /**
     * Makes the staged files the result set: writes the manifest, swaps the staging folder into place, deletes the old
     * set and the checkpoint folder.
     *
     * @param command  the command that wrote the set, e.g. {@code "train"} (recorded in the manifest).
     * @param required the files the command's result set must contain.
     * @throws IllegalStateException if a required file is missing (a bug: nothing is committed).
     */
    public void commit(final String command, final String... required) {
        if (committed || closed) {
            throw new IllegalStateException("result folder " + target + ": already committed or closed");
        }
        for (String r : required) {
            if (!Files.isRegularFile(staging.resolve(r))) {
                throw new IllegalStateException("result file " + r + " of " + command + " was not written; " + target + " is unchanged");
            }
        }
        try {
            final ObjectNode m = Json.object();
            m.put("format", "spikering-result");
            m.put("version", 1);
            m.put("command", command);
            final ObjectNode files = m.putObject("files");
            for (var e : listFiles(staging).entrySet()) {
                files.put(e.getKey(), e.getValue());
            }
            try (OutputStream os = Files.newOutputStream(staging.resolve(MANIFEST), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                os.write(Json.MAPPER.writeValueAsBytes(m));
            }
            pauseForTests();
            Path aside = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                aside = parent.resolve("." + name + ".old-" + randomHex());
                move(target, aside);
                pauseForTests();
            }
            move(staging, target);
            committed = true;
            if (aside != null) {
                deleteRecursively(aside);
            }
            deleteRecursively(checkpointDir());
        } catch (IOException e) {
            throw new UncheckedIOException(option + " = '" + target + "': cannot commit the results (" + reason(e) + ")", e);
        }
    }

    /**
     * Releases the lock. Unless committed, also deletes the staging folder and the parent folders {@link #open}
     * created, if empty: a run that fails leaves the file system as it found it (a checkpoint folder excepted).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed) {
                deleteRecursively(staging);
            }
        } catch (IOException ignored) {
            // the next run on this folder deletes it
        } finally {
            releaseLock(lockFile, lock, lockChannel);
            if (!committed) {
                deleteEmptyUpTo(parent, createdAncestor);
            }
        }
    }

    /**
     * Sleeps {@value #PAUSE_PROPERTY} ms (system property, default 0) after the manifest is written and after the old
     * set is renamed aside: a test that kills a run at these two moments of the commit, each a few microseconds long
     * otherwise, can see them and kill the process there.
     */
    private static void pauseForTests() {
        final long ms = Long.getLong(PAUSE_PROPERTY, 0L);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes {@code dir} and its parents up to {@code top} (inclusive) while they are empty; null top: nothing. */
    private static void deleteEmptyUpTo(final Path dir, final Path top) {
        if (top == null) {
            return;
        }
        for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException e) {
                return; // not empty (or gone): stop
            }
        }
    }

    /**
     * @param folder a folder.
     * @return true if it holds a manifest and exactly the files the manifest lists, with those sizes.
     */
    public static boolean isComplete(final Path folder) {
        final Path mf = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(mf)) {
            return false;
        }
        try {
            final JsonNode files = Json.MAPPER.readTree(mf.toFile()).path("files");
            final TreeMap<String, Long> have = listFiles(folder);
            have.remove(MANIFEST);
            if (files.size() != have.size() || hasSubfolders(folder)) {
                return false;
            }
            for (var e : have.entrySet()) {
                if (!files.has(e.getKey()) || files.get(e.getKey()).asLong(-1) != e.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves back a complete aside folder if the result folder is missing; deletes every other staging/aside folder. */
    private static void recover(final Path parent, final String name, final Path target) {
        final List<Path> staged = new ArrayList<>();
        final List<Path> aside = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + name + ".*")) {
            for (Path p : ds) {
                final String f = p.getFileName().toString();
                if (isOurs(f, "." + name + ".staging-")) {
                    staged.add(p);
                } else if (isOurs(f, "." + name + ".old-")) {
                    aside.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
        try {
            for (Path p : staged) {
                deleteRecursively(p);
            }
            for (Path p : aside) {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && isComplete(p)) {
                    move(p, target);
                } else {
                    deleteRecursively(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after an interrupted run beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** True if {@code f} is {@code prefix} and the 12 hex digits of {@link #randomHex} (not another folder's entry). */
    private static boolean isOurs(final String f, final String prefix) {
        return f.length() == prefix.length() + 12 && f.startsWith(prefix)
                && f.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    private static void checkReplaceable(final String option, final Path out, final Path abs) {
        if (!Files.isDirectory(abs)) {
            return;
        }
        final boolean empty;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(abs)) {
            empty = !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " = '" + out + "': cannot read the folder (" + reason(e) + ")");
        }
        if (!empty && !isComplete(abs)) {
            throw new IllegalArgumentException(option + " = '" + out + "': holds files that are not one spikering result "
                    + "set (it would be replaced): must be a new or empty folder or an earlier result folder");
        }
    }

    private static TreeMap<String, Long> listFiles(final Path dir) throws IOException {
        final TreeMap<String, Long> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(p.getFileName().toString(), Files.size(p));
                }
            }
        }
        return m;
    }

    private static boolean hasSubfolders(final Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void move(final Path from, final Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * @param p a file or folder (need not exist).
     * @throws IOException if something cannot be deleted.
     */
    public static void deleteRecursively(final Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Object fileKey(final Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void releaseLock(final Path lockFile, final FileLock lk, final FileChannel ch) {
        try {
            Files.deleteIfExists(lockFile); // while holding the lock: see open()
        } catch (IOException ignored) {
            // harmless: the next run reuses it
        }
        try {
            if (lk != null && lk.isValid()) {
                lk.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(ch);
        HELD.remove(lockFile);
    }

    private static void closeQuietly(final FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    static String randomHex() {
        final byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String reason(final Exception e) {
        final String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
