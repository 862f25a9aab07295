package dev.trialbench.activation;

import java.util.List;

/** A request failed validation before anything was written; {@link #problems()} lists each reason. */
public class InvalidRequestException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidRequestException(List<String> problems) {
        super("Invalid activation request: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
