package dev.trialbench.bench.runfolder;

/**
 * A run folder's raw files are missing or malformed. The message names the file and says what to do
 * next; {@link #file()} is the file's name within the folder (or the folder itself).
 */
public final class RunFolderException extends RuntimeException {

    private final String file;

    public RunFolderException(String file, String message) {
        super(message);
        this.file = file;
    }

    public RunFolderException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
