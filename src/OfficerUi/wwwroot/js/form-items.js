// A step's outcomes: choosing "supplement" opens the items of form 02, choosing "refuse" the reasons of form 03.
(function () {
  'use strict';
  const supplement = document.getElementById('supplement-details');
  const refusal = document.getElementById('refusal-details');
  document.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== 'Input.Outcome' || !input.checked) {
      return;
    }
    if (supplement && input.value === 'supplement') {
      supplement.open = true;
      supplement.querySelector('input')?.focus();
    }
    if (refusal && input.value === 'refuse') {
      refusal.open = true;
      refusal.querySelector('textarea')?.focus();
    }
  });
})();
