export default defineBackground(() => {
  // wired up below
});
