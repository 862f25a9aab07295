package dev.trialbench.bench.svg;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Repairs the SVG that VectorGraphics2D writes: it puts {@code xmlns=""} on the inner elements
 * ({@code <g>}, {@code <rect>}, {@code <defs>}), which takes them out of the SVG namespace, so a
 * browser opens the file and draws nothing. Removing the empty declaration lets every element inherit
 * the root's {@code xmlns="http://www.w3.org/2000/svg"}. Deterministic; stateless.
 */
public final class SvgNamespace {

    private static final Pattern EMPTY_DEFAULT_NAMESPACE = Pattern.compile("\\s+xmlns=\"\"");

    private SvgNamespace() {
    }

    /** The same document without any empty default-namespace declaration. */
    public static String repair(String svg) {
        return EMPTY_DEFAULT_NAMESPACE.matcher(svg).replaceAll("");
    }

    /** {@link #repair(String)} on UTF-8 bytes, as XChart's encoder returns them. */
    public static byte[] repair(byte[] svg) {
        return repair(new String(svg, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
