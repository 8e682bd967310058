// Reception page: the citizen ID card's QR scan, sections shown by the choices made, and one submission per form.
(function () {
  'use strict';
  const form = document.getElementById('reception-form');
  if (!form) {
    return;
  }

  const field = (name) => form.elements.namedItem(name);

  // The chip-based citizen ID card's QR code, as a 2D scanner types it:
  // <12-digit ID>|<old 9-digit ID or empty>|<full name>|<date of birth ddMMyyyy>|<gender>|<permanent address>|<issue date ddMMyyyy>
  function parseDate(text) {
    const match = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
    if (!match) {
      return null;
    }
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      return null;
    }
    return `${match[3]}-${match[2]}-${match[1]}`;
  }

  function parseScan(text) {
    const parts = text.trim().split('|');
    if (parts.length !== 7) {
      return null;
    }
    const [id, oldId, name, born, gender, address, issued] = parts.map((p) => p.trim());
    const sex = gender.normalize('NFC').toLowerCase();
    const dateOfBirth = parseDate(born);
    if (!/^\d{12}$/.test(id) || !/^(\d{9})?$/.test(oldId) || name === '' || address === '' || dateOfBirth === null
        || parseDate(issued) === null || (sex !== 'nam' && sex !== 'nữ')) {
      return null;
    }
    return { id, name: name.normalize('NFC'), dateOfBirth, gender: sex === 'nam' ? 'Male' : 'Female', address: address.normalize('NFC') };
  }

  function applyScan(input) {
    const result = document.getElementById('scan-result');
    const scan = parseScan(input.value);
    if (scan === null) {
      // A malformed scan changes nothing: every field keeps what it had.
      result.textContent = result.dataset.bad;
      result.className = 'small text-danger';
      input.select();
      return;
    }
    document.getElementById('kind-person').checked = true;
    showByKind();
    field('Input.Name').value = scan.name;
    field('Input.CitizenId').value = scan.id;
    field('Input.DateOfBirth').value = scan.dateOfBirth;
    field('Input.Gender').value = scan.gender;
    field('Input.Address').value = scan.address;
    input.value = '';
    result.textContent = result.dataset.ok;
    result.className = 'small text-success';
    field('Input.Phone').focus();
  }

  function showWhere(attribute, value) {
    form.querySelectorAll(`[${attribute}]`).forEach((element) => {
      element.hidden = element.getAttribute(attribute) !== value;
    });
  }

  function showByKind() {
    const organisation = document.getElementById('kind-organisation').checked;
    showWhere('data-kind', organisation ? 'Organisation' : 'Person');
    const label = form.querySelector('label[for="Input_Name"]');
    label.textContent = organisation ? label.dataset.organisation : label.dataset.person;
  }

  const showByChannel = () => showWhere('data-channel', field('Input.Channel').value);
  const showByDelivery = () => {
    const delivery = field('Input.Delivery');
    showWhere('data-delivery', delivery ? delivery.value : '');
  };

  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') {
      return;
    }
    const mode = event.target.dataset ? event.target.dataset.enter : undefined;
    if (mode === 'scan') {
      event.preventDefault();
      applyScan(event.target);
    } else if (mode === 'pick') {
      // Enter takes the first procedure found; the arrow keys and Tab reach the others.
      event.preventDefault();
      const first = document.querySelector('#procedure-matches button');
      if (first) {
        first.click();
      }
    }
  });

  document.getElementById('procedure-search').addEventListener('keydown', (event) => {
    const first = document.querySelector('#procedure-matches button');
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    }
  });

  document.getElementById('procedure-results').addEventListener('keydown', (event) => {
    const button = event.target.closest('button');
    if (!button || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) {
      return;
    }
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? button.nextElementSibling : button.previousElementSibling;
    (next || document.getElementById('procedure-search')).focus();
  });

  form.addEventListener('change', (event) => {
    if (event.target.matches('[data-toggle-kind]')) {
      showByKind();
    } else if (event.target.matches('[data-toggle-channel]')) {
      showByChannel();
    } else if (event.target.matches('[data-toggle-delivery]')) {
      showByDelivery();
    }
  });

  // One submission per form: a second click while the first is on its way does nothing. (The server also refuses to
  // make a second dossier from the same form's token.)
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = 'true';
  });

  document.body.addEventListener('htmx:afterSwap', (event) => {
    if (event.detail.target.id === 'procedure-section') {
      document.getElementById('procedure-results').replaceChildren();
      showByDelivery();
      document.getElementById('citizen-id-scan').focus();
    }
  });

  showByKind();
  showByChannel();
  showByDelivery();
})();
