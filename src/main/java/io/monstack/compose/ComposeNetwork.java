package io.monstack.compose;

/**
 * A network of the compose project. realName is the engine's name for it: for an external one
 * its name (new syntax external: true + name:, or old external: {name: x}), else the key; for
 * one the project creates, name: or PROJECT_KEY. driver and attachable are null when not said.
 */
record ComposeNetwork(String key, String realName, boolean external, String driver, Boolean attachable, Where at) {
    boolean overlay() {
        return "overlay".equals(driver);
    }
}
