package org.spikering.app.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped example specs: {@code examples/NAME.yaml} in the repository, packaged into the jar, listed with a short
 * description in {@code examples/index.txt} (one {@code NAME<TAB>description} per line). The CLI's built-in
 * experiments run these same files, so built-in defaults and examples cannot drift apart.
 */
public final class Examples {

    private static final Map<String, String> INDEX = readIndex();

    private Examples() {
    }

    private static Map<String, String> readIndex() {
        final Map<String, String> m = new LinkedHashMap<>();
        for (String line : resource("index.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final int tab = line.indexOf('\t');
            m.put(tab < 0 ? line.strip() : line.substring(0, tab).strip(), tab < 0 ? "" : line.substring(tab + 1).strip());
        }
        return m;
    }

    private static String resource(final String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /examples/" + name + " (the jar packages examples/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the example names, in index order. */
    public static List<String> names() {
        return new ArrayList<>(INDEX.keySet());
    }

    /** @return each example's one-line description. */
    public static Map<String, String> descriptions() {
        return Map.copyOf(INDEX);
    }

    /**
     * @param name an example name.
     * @return the file's text.
     */
    public static String text(final String name) {
        if (!INDEX.containsKey(name)) {
            throw new IllegalArgumentException("NAME = '" + name + "': not a shipped example (one of "
                    + String.join(", ", names()) + ")");
        }
        return resource(name + ".yaml");
    }

    /**
     * @param name an example name.
     * @param sets overrides.
     * @return the example, loaded.
     */
    public static Spec load(final String name, final List<String> sets) {
        return SpecLoader.parse(text(name), "example:" + name, dataFolder(name), false, sets);
    }

    /**
     * As {@link #load(String, List)}, then the fields a command's options set, all validated together once
     * ({@link SpecLoader#parse(String, String, java.nio.file.Path, boolean, List, java.util.Map, java.util.Map)}).
     */
    public static Spec load(final String name, final List<String> sets, final java.util.Map<String, Object> values,
                            final java.util.Map<String, String> origins) {
        return SpecLoader.parse(text(name), "example:" + name, dataFolder(name), false, sets, values, origins);
    }

    /**
     * The folder an example's data files are resolved against: an example with data ({@code examples/NAME/files.txt}
     * lists them, one name a line, the files beside it) has them unpacked from the jar into a new temporary folder,
     * deleted when the JVM exits; an example without data resolves against the working directory (null).
     *
     * @param name an example name.
     * @return the folder, or null.
     */
    static java.nio.file.Path dataFolder(final String name) {
        final String list;
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name + "/files.txt")) {
            if (in == null) {
                return null;
            }
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            final java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("spikering-example-" + name + "-");
            dir.toFile().deleteOnExit();
            for (String f : list.split("\n")) {
                final String file = f.strip();
                if (file.isEmpty() || file.startsWith("#")) {
                    continue;
                }
                try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name + "/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource /examples/" + name + "/" + file
                                + " (listed in its files.txt)");
                    }
                    final java.nio.file.Path target = dir.resolve(file);
                    java.nio.file.Files.copy(in, target);
                    target.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking the data of example " + name, e);
        }
    }
}
