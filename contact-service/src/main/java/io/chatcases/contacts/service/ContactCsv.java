package io.chatcases.contacts.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the contacts CSV: a header naming some of {@value #HEADER} (email required, any order, any
 * letter case), then one Contact per row. RFC 4180 quoting, so a value may hold commas or line
 * breaks. Whole-file problems (no header, unknown column, broken quoting, too many rows) reject the
 * file before anything is applied; a row with the wrong number of cells is reported as that row's
 * error.
 */
public final class ContactCsv {

    public static final String HEADER = "email,firstName,lastName,phone,externalId";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final CsvMapper MAPPER =
            CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private ContactCsv() {}

    public static List<ImportRow> parse(String body, int maxRows) {
        String text = body == null ? "" : body.replaceFirst("^\uFEFF", "");
        if (text.isBlank()) {
            throw new InvalidInputException("body", "is empty; expected a header line " + HEADER);
        }
        List<ImportRow> rows = new ArrayList<>();
        long nextLine = 1;
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(text)) {
            Map<String, Integer> header = null;
            while (it.hasNextValue()) {
                int line = (int) nextLine;
                String[] cells = it.nextValue();
                nextLine = it.getCurrentLocation().getLineNr();
                if (isBlank(cells)) {
                    continue;
                }
                if (header == null) {
                    header = header(cells);
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new InvalidInputException(
                            "body", "has more than " + maxRows + " rows; split the file");
                }
                rows.add(row(line, cells, header));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(
                    "body", "is not valid CSV near line " + nextLine + ": " + firstLine(e));
        }
        return rows;
    }

    private static Map<String, Integer> header(String[] cells) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            String name = canonical(cells[i].strip());
            if (name == null) {
                throw new InvalidInputException(
                        "header",
                        "has an unknown column \"" + cells[i].strip() + "\"; expected " + HEADER);
            }
            if (index.put(name, i) != null) {
                throw new InvalidInputException("header", "names " + name + " twice");
            }
        }
        if (!index.containsKey("email")) {
            throw new InvalidInputException("header", "must have an email column: " + HEADER);
        }
        return index;
    }

    private static ImportRow row(int line, String[] cells, Map<String, Integer> header) {
        if (cells.length != header.size()) {
            return new ImportRow(
                    line,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "has " + cells.length + " values but the header has " + header.size());
        }
        return new ImportRow(
                line,
                cell(cells, header, "email"),
                cell(cells, header, "firstName"),
                cell(cells, header, "lastName"),
                cell(cells, header, "phone"),
                cell(cells, header, "externalId"),
                null);
    }

    /** An empty cell is an absent value. */
    private static String cell(String[] cells, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        String value = i == null ? null : cells[i].strip();
        return value == null || value.isEmpty() ? null : value;
    }

    private static String canonical(String name) {
        for (String c : COLUMNS) {
            if (c.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    private static boolean isBlank(String[] cells) {
        for (String c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
