package dev.trialbench.bench.browser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A real headless Chromium that opens a report.html and says, for every chart image on the page,
 * whether the browser drew it: the box it occupies on the page (read from the page's own layout)
 * and what a screenshot of the whole page holds inside that box. Two browser starts per page: one
 * dumps the DOM after a small script has written every image's box, one takes the screenshot at
 * the page's full height. The page is copied next to the original (same folder, so relative
 * {@code charts/*.svg} links resolve) with the script appended, and the copy removed afterwards.
 * Every start gets an empty profile folder of its own, removed afterwards; the network is not used.
 */
final class HeadlessBrowser {

    /** Taller pages than this are refused: a screenshot this tall is already tens of megabytes. */
    static final int MAX_PAGE_HEIGHT = 60_000;
    private static final int WIDTH = 1280;
    private static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final Pattern BOX = Pattern.compile("^box (\\S+) (-?\\d+) (-?\\d+) (\\d+) (\\d+) (\\d+)$",
            Pattern.MULTILINE);
    private static final Pattern PAGE = Pattern.compile("^page (\\d+) (\\d+)$", Pattern.MULTILINE);
    private static final String PROBE = """
            <script>window.addEventListener('load', function () {
              var lines = [];
              document.querySelectorAll('img').forEach(function (img) {
                var r = img.getBoundingClientRect();
                lines.push(['box', img.getAttribute('src'), Math.round(r.left + window.scrollX),
                  Math.round(r.top + window.scrollY), Math.round(r.width), Math.round(r.height),
                  img.naturalWidth].join(' '));
              });
              lines.push('page ' + document.documentElement.scrollWidth + ' ' + document.documentElement.scrollHeight);
              var pre = document.createElement('pre');
              pre.id = 'trialbench-probe';
              pre.textContent = '\\n' + lines.join('\\n') + '\\n';
              document.body.appendChild(pre);
            });</script>
            """;

    private final Path executable;

    private HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /** The browser named by {@code TRIALBENCH_CHROMIUM}, else the first Chromium or Chrome on the PATH. */
    static Optional<HeadlessBrowser> find() {
        String configured = System.getenv("TRIALBENCH_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(new HeadlessBrowser(path)) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String name : CANDIDATES) {
            for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessBrowser(candidate));
                }
            }
        }
        return Optional.empty();
    }

    static String notFoundReason() {
        return "no Chromium or Chrome found (looked for " + String.join(", ", CANDIDATES) + " on the PATH and the"
                + " variable TRIALBENCH_CHROMIUM); install Debian's chromium package to run this check";
    }

    /** An image of the page: its link, its box on the page, its natural width (0: not decoded), and its pixels. */
    record Chart(String src, int x, int y, int width, int height, int naturalWidth, Pixels pixels) {
    }

    /** What the screenshot holds inside a chart's box, a few pixels in from its border. */
    record Pixels(int total, int nonWhite, int distinctColours) {
        /** Drawn: a decoded image with at least 1% of its box painted in at least a handful of colours. */
        boolean drawn() {
            return total > 0 && nonWhite * 100L >= total && distinctColours >= 4;
        }
    }

    /** Opens {@code reportHtml} and returns every image on it with what the browser drew in its box. */
    List<Chart> charts(Path reportHtml) {
        Path page = reportHtml.toAbsolutePath();
        Path probe = page.resolveSibling(".browser-probe-" + ProcessHandle.current().pid() + ".html");
        Path screenshot = null;
        try {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            int end = html.lastIndexOf("</body>");
            Files.writeString(probe, end < 0 ? html + PROBE : html.substring(0, end) + PROBE + html.substring(end),
                    StandardCharsets.UTF_8);
            String dom = run(List.of("--window-size=" + WIDTH + ",900", "--dump-dom", probe.toUri().toString()), null);
            Matcher pageSize = PAGE.matcher(dom);
            if (!pageSize.find()) {
                throw new IllegalStateException("the browser did not run the page's probe script; its output began: "
                        + dom.substring(0, Math.min(400, dom.length())));
            }
            int width = Math.max(WIDTH, Integer.parseInt(pageSize.group(1)));
            int height = Integer.parseInt(pageSize.group(2));
            if (height > MAX_PAGE_HEIGHT) {
                throw new IllegalStateException("page " + page + " is " + height + " px tall, more than "
                        + MAX_PAGE_HEIGHT);
            }
            screenshot = Files.createTempFile("trialbench-screenshot-", ".png");
            run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + screenshot,
                    page.toUri().toString()), screenshot);
            BufferedImage image = ImageIO.read(screenshot.toFile());
            if (image == null) {
                throw new IllegalStateException("the browser's screenshot could not be decoded");
            }
            List<Chart> charts = new ArrayList<>();
            Matcher box = BOX.matcher(dom);
            while (box.find()) {
                int x = Integer.parseInt(box.group(2));
                int y = Integer.parseInt(box.group(3));
                int w = Integer.parseInt(box.group(4));
                int h = Integer.parseInt(box.group(5));
                charts.add(new Chart(box.group(1), x, y, w, h, Integer.parseInt(box.group(6)), pixels(image, x, y, w, h)));
            }
            return charts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(probe);
            if (screenshot != null) {
                deleteQuietly(screenshot);
            }
        }
    }

    /** Counts the pixels inside the box, 4 px in from each side (the image's border is drawn by the page). */
    static Pixels pixels(BufferedImage image, int x, int y, int width, int height) {
        int inset = 4;
        int left = Math.max(0, x + inset);
        int top = Math.max(0, y + inset);
        int right = Math.min(image.getWidth(), x + width - inset);
        int bottom = Math.min(image.getHeight(), y + height - inset);
        int total = 0;
        int nonWhite = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int row = top; row < bottom; row++) {
            for (int column = left; column < right; column++) {
                int rgb = image.getRGB(column, row) & 0xFFFFFF;
                total++;
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                    if (colours.size() < 64) {
                        colours.add(rgb);
                    }
                }
            }
        }
        return new Pixels(total, nonWhite, colours.size());
    }

    private String run(List<String> arguments, Path expectedFile) throws IOException {
        Path profile = Files.createTempDirectory("trialbench-browser-profile-");
        Path output = Files.createTempFile("trialbench-browser-", ".out");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException("the browser did not finish within 180 s: " + command);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while the browser ran", e);
            }
            if (process.exitValue() != 0 || (expectedFile != null && Files.size(expectedFile) == 0)) {
                throw new IllegalStateException("the browser exited with " + process.exitValue() + ": " + command);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            deleteQuietly(output);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(HeadlessBrowser::deleteQuietly);
        } catch (IOException e) {
            // a profile folder left in the temporary directory is harmless
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort
        }
    }
}
