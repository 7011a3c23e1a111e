package io.chatcases.cases.domain;

/** Where a chat came from: the website widget or an app embedding the Support SDK. */
public enum Channel {
    WEB_CONNECT,
    SUPPORT_SDK
}
