// Injected on demand by the popup's "Teach Hailer this page" (scripting.executeScript on the toolbar
// click's activeTab grant). See utils/teach/picker.ts.
import { startPicker } from '@/utils/teach/picker';

export default defineUnlistedScript(() => {
  startPicker();
});
