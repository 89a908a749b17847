// The web host's own pages (src/main/web/server.ts): what a browser without the host's
// session sees instead of the app. The page shows all three languages, since the host
// cannot know its reader's. Mounted under `webHost` in every catalog; zh-Hant is the
// source of the shape.

export const webHostZhHant = {
  openFromLaunchLink:
    '請用啟動連結打開 RegionPlan：網頁主機（npm run serve）啟動時會用這個連結打開瀏覽器，並把它打印在終端裡。重新啟動網頁主機可得到新的連結。',
  launchLinkSpent: '這個啟動連結已經用過了。請回到已經打開的 RegionPlan 頁面，或重新啟動網頁主機（npm run serve）以得到新的連結。',
};

export const webHostZhHans: typeof webHostZhHant = {
  openFromLaunchLink:
    '请用启动链接打开 RegionPlan：网页主机（npm run serve）启动时会用这个链接打开浏览器，并把它打印在终端里。重新启动网页主机可得到新的链接。',
  launchLinkSpent: '这个启动链接已经用过了。请回到已经打开的 RegionPlan 页面，或重新启动网页主机（npm run serve）以得到新的链接。',
};

export const webHostEn: typeof webHostZhHant = {
  openFromLaunchLink:
    'Open RegionPlan with its launch link: the web host (npm run serve) opens the browser with it when it starts and prints it in the terminal. Restart the web host for a new link.',
  launchLinkSpent:
    'This launch link has already been used. Go back to the RegionPlan page already open, or restart the web host (npm run serve) for a new link.',
};
