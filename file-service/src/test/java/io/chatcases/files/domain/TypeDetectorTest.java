package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.chatcases.files.support.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The content type comes from the bytes; a name only tells office formats apart. */
class TypeDetectorTest {
    private final TypeDetector detector = new TypeDetector();

    private String detect(byte[] bytes, String name) throws IOException {
        return detector.detect(new ByteArrayInputStream(bytes), name);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> magic() {
        return Stream.of(
                arguments("gif", "GIF89a\u0001\u0000\u0001\u0000", "image/gif"),
                arguments("jpeg", "\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000", "image/jpeg"),
                arguments("webp", "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ", "image/webp"),
                arguments("pdf", "%PDF-1.7\n%\u00e2\u00e3", "application/pdf"),
                arguments("mp3", "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000", "audio/mpeg"),
                arguments("wav", "RIFF\u0024\u0000\u0000\u0000WAVEfmt ", "audio/vnd.wave"),
                arguments(
                        "mp4",
                        "\u0000\u0000\u0000\u0018ftypmp42\u0000\u0000\u0000\u0000mp42isom",
                        "video/mp4"),
                arguments(
                        "exe",
                        "MZ\u0090\u0000\u0003\u0000\u0000\u0000",
                        "application/x-msdownload"),
                arguments("elf", "\u007fELF\u0002\u0001\u0001\u0000", "application/x-elf"),
                arguments("shell script", "#!/bin/sh\necho hi\n", "application/x-sh"),
                arguments("html", "<!DOCTYPE html><html><body>hi</body></html>", "text/html"),
                arguments("xml", "<?xml version=\"1.0\"?><a/>", "application/xml"),
                arguments(
                        "markup Tika calls text",
                        "  <script>alert(1)</script>",
                        TypeDetector.MARKUP),
                arguments("text", "hello world\n", "text/plain"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("magic")
    void typeIsDecidedByTheBytesNotTheName(String kind, String content, String expected)
            throws IOException {
        assertEquals(expected, detect(latin1(content), "innocent.png"), kind);
    }

    @Test
    void realPngIsPng() throws IOException {
        assertEquals("image/png", detect(Samples.png(), "x.bin"));
    }

    @Test
    void svgIsSvgWhateverTheName() throws IOException {
        assertEquals("image/svg+xml", detect(Samples.svg(), "cat.png"));
        byte[] withProlog =
                ("<?xml version=\"1.0\"?>\n" + new String(Samples.svg(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals("image/svg+xml", detect(withProlog, "cat.png"));
    }

    @Test
    void unknownBytesDoNotBecomeAnImageByTheirName() throws IOException {
        assertEquals(
                "application/octet-stream",
                detect(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe}, "photo.png"));
    }

    @Test
    void utf8TextIsPlainText() throws IOException {
        assertEquals("text/plain", detect("Grüße, 你好\n".getBytes(StandardCharsets.UTF_8), "a"));
    }

    @Test
    void webmIsMatroskaWithTheWebmDocType() throws IOException {
        byte[] webm =
                latin1(
                        "\u001a\u0045\u00df\u00a3\u009f\u0042\u0086\u0081\u0001\u0042\u00f7\u0081"
                                + "\u0001\u0042\u00f2\u0081\u0004\u0042\u00f3\u0081\u0008\u0042"
                                + "\u0082\u0084webm\u0042\u0087\u0081\u0002");
        assertEquals("video/webm", detect(webm, "clip"));
        byte[] mkv = latin1(new String(webm, StandardCharsets.ISO_8859_1).replace("webm", "mkvx"));
        assertEquals("application/x-matroska", detect(mkv, "clip.webm"));
    }

    @Test
    void oggVorbisIsVorbisAudio() throws IOException {
        byte[] ogg =
                latin1(
                        "OggS\u0000\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001"
                                + "\u0002\u0003\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
                                + "\u0000\u0001\u001e\u0001vorbis");
        assertEquals("audio/vorbis", detect(ogg, "a"));
    }

    @Test
    void officeContainerIsToldApartByTheExtensionOnly() throws IOException {
        byte[] ooxml = zip("[Content_Types].xml", "word/document.xml");
        assertEquals(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                detect(ooxml, "Report.DOCX"));
        assertEquals(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                detect(ooxml, "sheet.xlsx"));
        // A name outside the container's family is no hint.
        assertEquals("application/x-tika-ooxml", detect(ooxml, "cat.png"));
        assertEquals("application/x-tika-ooxml", detect(ooxml, null));
    }

    @Test
    void plainZipStaysZipWhateverItsName() throws IOException {
        assertEquals("application/zip", detect(zip("payload.exe"), "letter.docx"));
    }

    @Test
    void openDocumentIsRecognisedByItsMimetypeEntry() throws IOException {
        assertEquals("application/vnd.oasis.opendocument.text", detect(odt(), "anything.bin"));
    }

    private static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] odt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] mimetype =
                "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
