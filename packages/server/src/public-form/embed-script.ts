import { utmNames } from "../commands/submit-form";

/**
 * The snippet a site pastes where its form should be:
 *   <script src="https://crm.example/embed/form.js" data-key="KEY" async></script>
 * (or `form.js?key=KEY`; `data-lang` / `&lang=` picks the language). It puts an iframe of the hosted form right
 * after its own tag, passing the host page's address and UTM parameters, and lets the form set the iframe's height.
 * One file for every form: the key is read in the browser, so the file caches well.
 */
export const embedScript = `/* Conveyor web form */
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var own = new URL(script.src, window.location.href);
  var key = script.getAttribute("data-key") || own.searchParams.get("key");
  if (!key) return;
  var lang = script.getAttribute("data-lang") || own.searchParams.get("lang");
  var target = new URL("/f/" + encodeURIComponent(key), own.origin);
  var query = new URLSearchParams(window.location.search);
  ${JSON.stringify(Object.keys(utmNames))}.forEach(function (name) {
    var value = query.get(name);
    if (value) target.searchParams.set(name, value.slice(0, 200));
  });
  target.searchParams.set("page", window.location.href.slice(0, 2000));
  if (document.referrer) target.searchParams.set("referrer", document.referrer.slice(0, 2000));
  if (lang) target.searchParams.set("lang", lang);
  target.searchParams.set("embed", "1");
  var frame = document.createElement("iframe");
  frame.src = target.href;
  frame.title = script.getAttribute("data-title") || "Form";
  frame.loading = "lazy";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = (script.getAttribute("data-height") || "560") + "px";
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== own.origin || event.source !== frame.contentWindow || !data || data.type !== "conveyor-form-height") return;
    if (data.key === key && typeof data.height === "number" && data.height > 0) frame.style.height = Math.ceil(data.height) + "px";
  });
})();
`;
