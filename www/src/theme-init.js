// Applies the saved colour theme before first paint (a classic script in <head>, allowed by the CSP
// because it is a same-origin file). Without a saved choice the page follows prefers-color-scheme.
(function () {
  try {
    var t = localStorage.getItem('factionlens.theme');
    if (t === 'dark' || t === 'light') document.documentElement.setAttribute('data-theme', t);
  } catch (e) { /* storage unavailable: follow the system */ }
})();
