import { boot } from "./lib/boot";
import appCss from "./app.css?inline";

// The global styles come with the script, like the components' (vite.config.ts says why).
document.head.append(Object.assign(document.createElement("style"), { textContent: appCss }));

const target = document.getElementById("app");
if (!target) throw new Error("#app missing");
void boot(target);
