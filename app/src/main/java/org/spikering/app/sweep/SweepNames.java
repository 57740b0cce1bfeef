package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Names and hashes of sweep points: a point's folder is named by its parameters, readable and safe on every file
 * system, and unique within a sweep; a point's identity for resuming is the hash of its resolved spec.
 *
 * <p>Folder name: {@code field=value} for each axis field and then {@code seed=S}, joined by {@code _}, e.g.
 * {@code training.rule=eprop_hardware.weights.bits=8_seed=2}. Characters other than letters, digits, {@code . = - _}
 * and {@code +} become {@code -}. If that changed anything or a value holds {@code =} (so two points could get the same
 * name: every point of a sweep has the same fields in the same order) or the name would be
 * longer than {@value #MAX_LENGTH} characters, the name is cut to {@value #KEEP} characters and the first 12 hex digits of
 * the SHA-256 of the exact parameters are appended ({@code ~3fa9c1d20b7e}): distinct parameters, distinct names.
 */
public final class SweepNames {

    /** Longest folder name (file systems allow 255 bytes). */
    static final int MAX_LENGTH = 160;
    /** Characters kept of a name that gets a hash suffix. */
    static final int KEEP = 120;

    private SweepNames() {
    }

    /**
     * @param params the point's axis values.
     * @param seed   its seed.
     * @return the point's folder name.
     */
    public static String folder(final Map<String, JsonNode> params, final long seed) {
        final StringBuilder exact = new StringBuilder();
        params.forEach((f, v) -> exact.append(f).append('=').append(text(v)).append('_'));
        exact.append("seed=").append(seed);
        final String e = exact.toString();
        final StringBuilder safe = new StringBuilder(e.length());
        for (int k = 0; k < e.length(); k++) {
            final char c = e.charAt(k);
            safe.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '='
                    || c == '-' || c == '+' || c == '_' ? c : '-');
        }
        String s = safe.toString();
        // every point of a sweep has the same fields in the same order, so the name can be read back unless a value
        // holds '=' (it could then fake the boundary '_field=')
        final boolean lossy = !s.equals(e) || params.values().stream().anyMatch(v -> text(v).contains("="));
        if (lossy || s.length() > MAX_LENGTH) {
            s = s.substring(0, Math.min(s.length(), KEEP)) + "~" + sha256(e).substring(0, 12);
        }
        return s;
    }

    /** @return a value as the point's label and folder show it: a word or number as written, else compact JSON. */
    public static String text(final JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /**
     * @param text a text.
     * @return the SHA-256 of its UTF-8 bytes, 64 lowercase hex digits.
     */
    public static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
