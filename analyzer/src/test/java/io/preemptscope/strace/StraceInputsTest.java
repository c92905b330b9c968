package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Why a directory cannot be listed, in the system's words. Tests run as root, which lists any
 * directory whatever its mode, so the message is built from the exceptions the JDK throws.
 */
class StraceInputsTest {
    @Test
    void aDirectoryThatCannotBeListedSaysWhy() {
        Path dir = Path.of("/captures/ff");
        assertThat(StraceInputs.listingFailed(dir, new AccessDeniedException(dir.toString())))
                .hasMessage("/captures/ff: cannot list directory: permission denied");
        assertThat(StraceInputs.listingFailed(dir, new FileSystemException(dir.toString(), null, "Input/output error")))
                .hasMessage("/captures/ff: cannot list directory: input/output error");
    }
}
