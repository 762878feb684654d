// The clerk's workbench: the window, intake and acceptance, and the cases,
// for the signed-in clerk (window_desk.js, intake.js, case_lists.js).
import { requirePerson, showPerson } from '../js/session.js';
import { CaseLists } from './case_lists.js';
import { Intake } from './intake.js';
import { WindowDesk } from './window_desk.js';

const who = await requirePerson();
showPerson(document.getElementById('person'), who);
const cases = new CaseLists();
const desk = new WindowDesk(who);
new Intake(() => desk.windowId(), () => cases.refresh());
await desk.start();
await cases.refresh();
document.body.dataset.ready = 'true';
