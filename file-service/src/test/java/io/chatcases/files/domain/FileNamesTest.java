package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiterString = "->",
            value = {
                "../../etc/passwd.png -> passwd.png",
                "C:\\Users\\x\\report.pdf -> report.pdf",
                "/abs/path/. -> file",
                ".. -> file",
                ".hidden -> hidden",
                "'   ' -> file",
                "Grüße aus Köln.png -> Grüße aus Köln.png",
                "申请表.pdf -> 申请表.pdf",
                "invoice\u202Egnp.exe -> invoicegnp.exe",
                "a<b>c:d\"e|f?g*h.txt -> a_b_c_d_e_f_g_h.txt",
                "trailing dots... -> trailing dots",
                "many     spaces.png -> many spaces.png",
            })
    void sanitisedNameKeepsOnlyTheSafeLeaf(String raw, String expected) {
        assertEquals(expected, FileNames.sanitise(raw));
    }

    @Test
    void controlCharactersAreDropped() {
        assertEquals("abc.txt", FileNames.sanitise("a\u0000b\u001fc\u007f.txt"));
    }

    @Test
    void whitespaceOfAnyKindBecomesOneSpace() {
        assertEquals("tab and newline.txt", FileNames.sanitise("tab\tand\n newline.txt"));
    }

    @Test
    void missingNameFallsBackToFile() {
        assertEquals("file", FileNames.sanitise(null));
        assertEquals("file", FileNames.sanitise(""));
    }

    @Test
    void longNameIsShortenedKeepingItsExtension() {
        String name = FileNames.sanitise("ä".repeat(500) + ".docx");
        assertEquals(FileNames.MAX_LENGTH, name.codePointCount(0, name.length()));
        assertTrue(name.endsWith("ää.docx"), name);
    }
}
