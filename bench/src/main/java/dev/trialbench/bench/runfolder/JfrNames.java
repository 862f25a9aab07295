package dev.trialbench.bench.runfolder;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Classes, methods and waiting sites of a JFR recording as {@link ServiceProfile} prints them: Java's
 * names for arrays, lambdas without the address the JVM gave their class, and the frame that stands for
 * a wait. Stateless.
 */
final class JfrNames {

    /** Frames of the JDK: a wait is attributed to the first frame after them. */
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /**
     * The JDK's own waiting: parks, locks, their queues of waiters; and ForkJoinPool's blocking hooks,
     * through which JDK 21's conditions park (without it an idle worker's site was
     * {@code ForkJoinPool.unmanagedBlock} instead of {@code LinkedBlockingQueue.take}).
     */
    private static final List<String> WAITING = List.of("java.util.concurrent.locks.", "jdk.internal.", "sun.nio.ch.",
            "java.lang.invoke.", "java.util.concurrent.ForkJoinPool");
    static final String NO_STACK = "(no stack)";

    private JfrNames() {
    }

    static String typeOf(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "" : frame.getMethod().getType().getName();
    }

    /** A class name as Java writes it: {@code int[]} for the JVM's {@code [I}, {@code Foo[]} for {@code [LFoo;}. */
    static String readable(String className) {
        int dimensions = 0;
        while (dimensions < className.length() && className.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return className;
        }
        String element = className.substring(dimensions);
        String type = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1)
                    : element;
        };
        return type + "[]".repeat(dimensions);
    }

    /** {@code Class.method}; a lambda's class without the address the JVM gave it ({@code Foo$$Lambda$12}). */
    static String methodOf(RecordedFrame frame) {
        return frame.getMethod() == null ? "(unknown)"
                : typeOf(frame).replaceAll("/0x[0-9a-f]+$", "") + "." + frame.getMethod().getName();
    }

    /**
     * The first frame outside the JDK; for a stack of JDK frames only, the first frame above the JDK's
     * waiting machinery, e.g. {@code LinkedBlockingQueue.take}, where an idle worker waits for a request.
     */
    static String siteOf(RecordedStackTrace stack) {
        if (stack == null) {
            return NO_STACK;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = typeOf(frame);
            if (!type.isEmpty() && JDK.stream().noneMatch(type::startsWith)) {
                return methodOf(frame);
            }
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = typeOf(frame);
            if (!type.isEmpty() && WAITING.stream().noneMatch(type::startsWith)) {
                return methodOf(frame);
            }
        }
        return NO_STACK;
    }
}
