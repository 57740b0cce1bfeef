package org.spikering.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol of {@link ResultFolder}, in-process; the kill and two-writer trials are in ResultFolderKillTest. */
final class ResultFolderTest {

    @TempDir
    Path dir;

    private static List<String> names(final Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static TreeMap<String, String> contents(final Path d) throws IOException {
        final TreeMap<String, String> m = new TreeMap<>();
        for (String n : names(d)) {
            m.put(n, Files.readString(d.resolve(n)));
        }
        return m;
    }

    private void commitSet(final Path out, final String a, final String b) {
        try (ResultFolder f = ResultFolder.open("--out", out)) {
            AtomicFiles.writeString(f.file("a.txt"), a);
            AtomicFiles.writeString(f.file("b.txt"), b);
            if (Files.exists(out.resolve("a.txt"))) {
                assertFalse(Files.readString(out.resolve("a.txt")).equals(a), "nothing new is visible before the commit");
            }
            f.commit("test", "a.txt", "b.txt");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldReplaceTheWholeSetAndLeaveNothingBeside() throws IOException {
        final Path out = dir.resolve("out");
        commitSet(out, "1", "2");
        assertEquals(List.of(".spikering-result.json", "a.txt", "b.txt"), names(out));
        assertTrue(ResultFolder.isComplete(out));
        commitSet(out, "new a", "new b");
        assertEquals("new a", Files.readString(out.resolve("a.txt")));
        assertEquals("new b", Files.readString(out.resolve("b.txt")));
        assertEquals(List.of("out"), names(dir), "no lock, staging or aside folder remains");
    }

    @Test
    void shouldKeepThePreviousSetWhenARunFailsOrForgetsAFile() throws IOException {
        final Path out = dir.resolve("out");
        commitSet(out, "1", "2");
        final TreeMap<String, String> before = contents(out);
        assertThrows(IllegalStateException.class, () -> {
            try (ResultFolder f = ResultFolder.open("--out", out)) {
                AtomicFiles.writeString(f.file("a.txt"), "half of a new set");
                f.commit("test", "a.txt", "b.txt"); // b.txt missing
            }
        });
        assertEquals(before, contents(out));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void shouldRecoverWhatAKilledCommitLeft() throws IOException {
        final Path out = dir.resolve("out");
        commitSet(out, "1", "2");
        final TreeMap<String, String> before = contents(out);
        // the state after a kill between the two renames of a commit: the old set aside, a staging folder, no 'out'
        Files.move(out, dir.resolve(".out.old-0123456789ab"));
        Files.createDirectory(dir.resolve(".out.staging-ba9876543210"));
        Files.writeString(dir.resolve(".out.staging-ba9876543210/a.txt"), "half");
        Files.writeString(dir.resolve(".out.lock"), "12345 deadbeef\n"); // a killed holder's lock file
        try (ResultFolder f = ResultFolder.open("--out", out)) {
            assertEquals(before, contents(out), "the previous complete set is back in place before any work");
            AtomicFiles.writeString(f.file("a.txt"), "x");
            AtomicFiles.writeString(f.file("b.txt"), "y");
            f.commit("test", "a.txt", "b.txt");
        }
        assertEquals(List.of("out"), names(dir));
        assertEquals("x", Files.readString(out.resolve("a.txt")));
    }

    @Test
    void shouldNotTreatATamperedSetAsComplete() throws IOException {
        final Path out = dir.resolve("out");
        commitSet(out, "1", "2");
        Files.writeString(out.resolve("b.txt"), "22");
        assertFalse(ResultFolder.isComplete(out), "b.txt has another size than the manifest says");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultFolder.open("--out", out));
        assertTrue(e.getMessage().startsWith("--out = '" + out + "': holds files that are not one spikering result set"),
                e.getMessage());
    }

    @Test
    void shouldRefuseAFolderWithTheUsersFilesAndAFile() throws IOException {
        final Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        assertThrows(IllegalArgumentException.class, () -> ResultFolder.open("--out", mine));
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));
        final Path file = Files.writeString(dir.resolve("f"), "x");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultFolder.open("--out", file));
        assertEquals("--out = '" + file + "': is a file, must be a folder", e.getMessage());
        assertEquals(List.of("f", "mine"), names(dir), "no lock file or staging folder is left by a refusal");
        assertThrows(IllegalArgumentException.class, () -> ResultFolder.open("--out", Path.of("")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResultFolder.open("--out", Path.of(".")))
                .getMessage().endsWith("is or contains the current folder, which would be replaced: must be a folder below it or elsewhere"));
    }

    @Test
    void shouldTellASecondWriterThatTheFolderIsInUse() throws IOException {
        final Path out = dir.resolve("out");
        try (ResultFolder f = ResultFolder.open("--out", out)) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultFolder.open("--out", out));
            assertEquals("--out = '" + out + "': in use by another spikering run", e.getMessage());
            AtomicFiles.writeString(f.file("a.txt"), "a");
            f.commit("test", "a.txt");
        }
        try (ResultFolder f = ResultFolder.open("--out", out)) { // free again
            assertTrue(Files.isDirectory(f.dir()));
        }
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void shouldRemoveTheParentFoldersItCreatedWhenNothingIsCommitted() throws IOException {
        try (ResultFolder f = ResultFolder.open("--out", dir.resolve("a/b/c"))) {
            assertTrue(Files.isDirectory(dir.resolve("a/b")));
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void shouldWriteTheManifestWithTheSizes() throws IOException {
        final Path out = dir.resolve("out");
        commitSet(out, "1", "22");
        final String m = Files.readString(out.resolve(ResultFolder.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(m.contains("\"a.txt\" : 1") && m.contains("\"b.txt\" : 2") && m.contains("\"command\" : \"test\""), m);
        assertArrayEquals("22".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve("b.txt")));
    }
}
