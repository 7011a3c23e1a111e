package io.chatcases.contacts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the contact API. */
@ConfigMapping(prefix = "contacts")
public interface ContactsConfig {

    /** Search paging. */
    Search search();

    /** CSV import. */
    Import csvImport();

    interface Search {
        /** Page size when the caller gives none. */
        @WithDefault("20")
        int defaultSize();

        /** Largest page size a caller may ask for; more is a 400. */
        @WithDefault("100")
        int maxSize();
    }

    interface Import {
        /** Most data rows one import request may carry; more is a 400 (split the file). */
        @WithDefault("10000")
        int maxRows();
    }
}
