package org.spikering.nir;

/** A NIR file that cannot be read or run; the message is one line naming the file or node and the problem. */
public final class NirFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: what, where, what is allowed. */
    public NirFormatException(final String message) {
        super(message);
    }

    /**
     * @param message one line.
     * @param cause   the underlying error.
     */
    public NirFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
