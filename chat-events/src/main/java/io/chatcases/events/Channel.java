package io.chatcases.events;

/** Where a chat came from: the website widget or an app embedding the Support SDK. */
public enum Channel {
    WEB_CONNECT,
    SUPPORT_SDK
}
